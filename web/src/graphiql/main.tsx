// GraphiQL (the `graphiql` npm package, bundled with its CSS) pointed at this service's /graphql,
// with the example operations from client/operations preloaded as tabs.
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/graphiql.css';
import { exampleOperations } from '../shared/operations';

const endpoint = new URL('/graphql', window.location.href).toString();

// A plain HTTP fetcher: queries and mutations only (the service has no subscriptions).
const fetcher: GraphiQLProps['fetcher'] = async (params, opts) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
};

// GraphiQL fills the variables editor of the first tab only from the `variables` prop (or what it
// stored earlier): give it the first example's variables on a first visit.
const firstVisit = (() => {
  try {
    return window.localStorage.getItem('graphiql:tabState') === null;
  } catch {
    return true;
  }
})();

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={exampleOperations[0].query}
      defaultTabs={exampleOperations.map((op) => ({ query: op.query, variables: op.variables }))}
      variables={firstVisit ? exampleOperations[0].variables : undefined}
      defaultEditorToolsVisibility="variables"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>argentum</GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')!).render(<App />);
