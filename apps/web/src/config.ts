/** Where the app finds the gateway: /config.json, written by whoever serves the app (`npm start`), or Vite's env in `vite` dev. */
export interface AppConfig {
  gatewayUrl: string;
}

let loaded: AppConfig | null = null;

/** The configuration `loadConfig` found (the app loads it before it renders anything). */
export const appConfig = (): AppConfig => {
  if (!loaded) throw new Error('loadConfig() has not run yet');
  return loaded;
};

export async function loadConfig(): Promise<AppConfig> {
  loaded = await findConfig();
  return loaded;
}

async function findConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.ok) {
      const config = (await response.json()) as Partial<AppConfig>;
      if (typeof config.gatewayUrl === 'string') return { gatewayUrl: config.gatewayUrl };
    }
  } catch {
    // No config.json: the Vite dev server. Fall through to its environment.
  }
  return { gatewayUrl: import.meta.env.VITE_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql' };
}
