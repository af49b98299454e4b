// Preloaded (--import) into the Agents Playground process: it listens on every network interface and has no option
// to change that, and anyone reaching it could chat as its samordning user. This binds its servers to loopback.
import net from "node:net";

type Listen = (this: net.Server, ...args: unknown[]) => net.Server;
const proto = net.Server.prototype as unknown as { listen: Listen };
const listen = proto.listen;
proto.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]): net.Server {
  const portOnly = typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function");
  if (portOnly) args.splice(1, 0, "127.0.0.1");
  return listen.apply(this, args);
};
