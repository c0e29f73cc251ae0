import { render } from 'preact';
import { App } from './App';
import { Api } from './lib/api';
import { Auth, loadConfig } from './lib/auth';
import { ApiError } from './lib/problem';
import type { Me } from './lib/types';
import './styles.css';

const root = document.getElementById('app')!;
// The boot message is static HTML; the app replaces it rather than render beside it.
root.textContent = '';

function LoginScreen({ onLogin, message }: { onLogin: () => void; message?: string }) {
  return (
    <main class="login" id="main">
      <h1>Modelyard</h1>
      <p>Datasets, private fine-tuning, models and inference for your team.</p>
      {message && <div class="problem" role="alert"><p>{message}</p></div>}
      <button type="button" onClick={onLogin}>Log in</button>
    </main>
  );
}

async function start(): Promise<void> {
  const auth = new Auth(await loadConfig());
  let user = null;
  let message: string | undefined;
  try {
    user = await auth.restore();
  } catch (reason) {
    message = `The login did not complete: ${reason instanceof Error ? reason.message : String(reason)}`;
    window.history.replaceState(null, '', '/');
  }
  const login = () => void auth.login();
  if (!user) {
    render(<LoginScreen onLogin={login} message={message} />, root);
    return;
  }
  const api = new Api(auth.accessToken);
  try {
    const me = await api.get<Me>('/v1/me');
    const name = user.profile.preferred_username ?? user.profile.email ?? me.subject;
    render(<App session={{ api, me }} userName={name} onLogout={() => void auth.logout()} />, root);
  } catch (reason) {
    const text = reason instanceof ApiError ? reason.message : String(reason);
    render(<LoginScreen onLogin={login} message={`The platform refused the login: ${text}`} />, root);
  }
}

start().catch((reason) => {
  render(<LoginScreen onLogin={() => window.location.reload()}
    message={`The console could not start: ${reason instanceof Error ? reason.message : String(reason)}`} />, root);
});
