/**
 * Common first names in Sweden (SCB's most frequent names across generations, plus names common among the people the
 * partnerships' staff meet), lower-case. A capitalised one followed by a capitalised word reads as a person's name.
 */
export const COMMON_FIRST_NAMES: ReadonlySet<string> = new Set(
  [
    // Women
    "agneta agnes alexandra alice alma alva amanda amira ann anna anne annelie anneli annika astrid barbro berit birgitta britt",
    "camilla carina caroline cecilia charlotte clara daniela ebba elena elin elisabet elisabeth ella ellen elsa elvira emelie emilia",
    "emma ester eva ewa fatima felicia frida freja gabriella greta gun gunilla gunnel hanna hedvig helen helena ida inger ingela",
    "ingeborg ingrid ioana irene jasmin jenny jessica johanna josefin josefine julia karin karolina katarina kerstin klara kristina",
    "leila lena lina linda linn linnea linnéa lisa lotta louise lovisa madeleine maja malin margareta margit maria mariana marianne",
    "marie marta matilda mia mikaela moa mona märta nadia nina nora olivia petra pia rebecka ronja saga sandra sanna sara selma",
    "signe sigrid siv sofia sofie stina susanne svetlana therese tilda tove ulla ulrika vera veronica veronika victoria viktoria",
    "wilma yasmin ylva yvonne åsa",
    // Men
    "adam ahmed albin alexander ali anders andreas anton arne axel benny bengt bertil björn bo carl christer christian conny dag",
    "daniel david dennis elias emil erik filip florin fredrik gheorghe gunnar gustav gösta hampus hans harald hassan henrik hugo",
    "hussein håkan ibrahim ingvar ion ioan isak ivar jacob jakob jan jens jesper jimmy joakim johan johannes jonas jonathan josef",
    "jörgen kalle karl kenneth kent kevin kjell kristian kurt lars leif lennart leo liam linus lucas ludvig magnus marcus markus",
    "martin mats mattias max mihai mikael mohamed mohammad mohammed muhammad måns niklas nils noah olle olof omar oliver ola oscar",
    "oskar ove patrik peter pontus per pär rasmus robert roger rolf ronny rune sebastian simon sten stefan stellan stig sune sven",
    "theo thomas tobias tomas tommy torbjörn tord ulf urban vasile viktor victor vincent william yusuf åke",
  ]
    .join(" ")
    .split(/\s+/),
);
