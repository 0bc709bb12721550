// The page the browser test opens: Monite's drop-in receivables screen (@monite/sdk-react), mounted as a product
// team would mount it, against our API. Where to find the API, which entity and whose token come from the page's
// query: ?api=http://127.0.0.1:7071/v1&entity=<entity id>&user=<token name>. The token itself comes from the page
// server's /token endpoint (server.mjs), which hands out tokens the test obtained: no client secret is in the page.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { MoniteSDK } from '@monite/sdk-api';
import { MoniteProvider, Receivables } from '@monite/sdk-react';

const query = new URLSearchParams(window.location.search);
const apiUrl = query.get('api');
const entityId = query.get('entity');
const user = query.get('user') ?? 'default';

const monite = new MoniteSDK({
  apiUrl,
  entityId,
  fetchToken: async () => {
    const response = await fetch(`/token?user=${encodeURIComponent(user)}`);
    if (!response.ok) throw new Error(`the page server has no token for ${user}: ${response.status}`);
    return response.json();
  },
});

createRoot(document.getElementById('root')).render(
  <MoniteProvider monite={monite} locale={{ code: 'en-US' }}>
    <Receivables />
  </MoniteProvider>,
);
