// autocannon ships no types; the bench uses this much of it.
declare module "autocannon" {
  interface Options {
    url: string;
    connections?: number;
    overallRate?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests?: { method?: string; setupRequest?: (request: Record<string, unknown>) => Record<string, unknown> }[];
  }
  interface Instance {
    on(event: string, listener: (...args: never[]) => void): Instance;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
