/**
 * A shelter as people read it: its name, followed by its organisation's only when the name does not already say it
 * ("Convictus natthärbärge", "Frälsningsarméns härbärge", but "Nattcaféet (Ny Gemenskap)").
 */
export function shelterLabel(shelter: { shelterName: string; organisationName: string }): string {
  const { shelterName, organisationName } = shelter;
  if (organisationName === "" || shelterName.toLocaleLowerCase("sv").includes(organisationName.toLocaleLowerCase("sv"))) return shelterName;
  return `${shelterName} (${organisationName})`;
}
