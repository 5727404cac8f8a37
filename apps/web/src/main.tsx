import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './apollo.ts';
import { App } from './App.tsx';
import { loadConfig } from './config.ts';
import './styles.css';

const config = await loadConfig();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={createClient(config.gatewayUrl)}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
