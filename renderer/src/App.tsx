// Connects to main through window.paddock, then shows the shell; without the API, says why.
import { useEffect } from 'react';
import { findApi, MissingApiError } from './api';
import { AppShell } from './components/shell/AppShell';
import { connect } from './store/actions';

export function App() {
  const api = findApi();
  useEffect(() => (api ? connect(api) : undefined), [api]);
  if (!api) {
    return (
      <div className="fatal" role="alert">
        <h1>Paddock cannot start</h1>
        <p>{new MissingApiError().message}</p>
      </div>
    );
  }
  return <AppShell />;
}
