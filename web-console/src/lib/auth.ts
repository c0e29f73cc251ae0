import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** What the gateway tells the console about its identity provider (`/console-config.json`). */
export interface ConsoleConfig {
  issuer: string;
  client_id: string;
}

export const CALLBACK_PATH = '/callback';
const RETURN_TO = 'modelyard.return-to';

/**
 * People log in with Keycloak's authorization code flow with PKCE (S256); tokens stay in this tab's
 * session storage and are renewed with the refresh token before they expire.
 */
export class Auth {
  private readonly users: UserManager;
  private user: User | null = null;

  constructor(config: ConsoleConfig, origin = window.location.origin) {
    this.users = new UserManager({
      authority: config.issuer,
      client_id: config.client_id,
      redirect_uri: origin + CALLBACK_PATH,
      post_logout_redirect_uri: origin + '/',
      response_type: 'code',
      scope: 'openid',
      automaticSilentRenew: true,
      monitorSession: false,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
    this.users.events.addUserLoaded((user) => {
      this.user = user;
    });
  }

  /** Finishes a login coming back from Keycloak, or picks up this tab's session; null when logged out. */
  async restore(): Promise<User | null> {
    if (window.location.pathname === CALLBACK_PATH) {
      this.user = await this.users.signinRedirectCallback();
      const back = sessionStorage.getItem(RETURN_TO) ?? '/';
      sessionStorage.removeItem(RETURN_TO);
      window.history.replaceState(null, '', back);
      return this.user;
    }
    const stored = await this.users.getUser();
    if (stored && stored.expired) {
      try {
        this.user = await this.users.signinSilent();
      } catch {
        await this.users.removeUser();
        this.user = null;
      }
    } else {
      this.user = stored;
    }
    return this.user;
  }

  async login(): Promise<void> {
    sessionStorage.setItem(RETURN_TO, window.location.pathname + window.location.search);
    await this.users.signinRedirect();
  }

  async logout(): Promise<void> {
    await this.users.signoutRedirect({ id_token_hint: this.user?.id_token });
  }

  /** The current access token, renewed first when it has run out. */
  readonly accessToken = async (): Promise<string | null> => {
    if (this.user?.expired) {
      try {
        this.user = await this.users.signinSilent();
      } catch {
        this.user = null;
      }
    }
    return this.user?.access_token ?? null;
  };
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console-config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`The console settings could not be read (${response.status})`);
  }
  return (await response.json()) as ConsoleConfig;
}
