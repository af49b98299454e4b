import { crc32, deflateRawSync } from "node:zlib";

/** One file to put in a zip archive. */
export interface ZipEntry {
  name: string;
  content: Buffer;
}

// DOS date/time of 1980-01-01 00:00: a fixed stamp makes the same inputs give byte-identical packages.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** What a local header and its central directory entry both say of a file. */
interface FileFields {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
}

// The run of fields both records share in the same order, from "version needed" to "file name length" (APPNOTE 4.3.7, 4.3.12).
function writeFileFields(header: Buffer, at: number, f: FileFields): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, at + 2); // flags: names are UTF-8
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.compressedSize, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.nameLength, at + 22);
}

/**
 * Writes a zip archive (PKWARE APPNOTE 6.3: local headers, central directory, end record), deflating each entry with
 * zlib unless that does not make it smaller. Enough for a Teams app package; no zip64, no encryption.
 */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const deflated = deflateRawSync(entry.content, { level: 9 });
    const stored = deflated.length >= entry.content.length;
    const data = stored ? entry.content : deflated;
    const method = stored ? 0 : 8;
    const crc = crc32(entry.content);

    const file = { method, crc, compressedSize: data.length, size: entry.content.length, nameLength: name.length };

    const local = Buffer.alloc(30); // extra field length (28) stays 0
    local.writeUInt32LE(0x04034b50, 0);
    writeFileFields(local, 4, file);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    writeFileFields(central, 6, file);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
