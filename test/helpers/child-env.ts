/**
 * The environment a test gives a child process it starts (the bot, a load generator): the inherited PATH and HOME
 * so the Node binary and npm's caches are found, plus the test's own settings. The one place tests read HOME; it is
 * handed on, never read or written as a path.
 */
export function childEnvironment(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env };
}
