/** Service URLs whose connector client is kept: Teams uses a few regional ones; a local forgery could name many. */
const KEPT_CLIENTS = 16;

/**
 * One connector client per service URL, made once: a clone builds its own HTTP client (the bot's token is fetched
 * per call through the shared token provider, so a kept client never holds a stale one).
 */
export function connectorClients<T>(make: (serviceUrl: string) => T): (serviceUrl: string) => T {
  const clients = new Map<string, T>();
  return (given) => {
    const serviceUrl = given.replace(/\/+$/, "");
    let client = clients.get(serviceUrl);
    if (client === undefined) {
      client = make(serviceUrl);
      if (clients.size >= KEPT_CLIENTS) clients.delete(clients.keys().next().value!);
      clients.set(serviceUrl, client);
    }
    return client;
  };
}
