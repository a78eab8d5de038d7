// Pieces every dashboard section uses: fetching a typed operation, sources, badges, section frames.
import { useEffect, useState, type ReactNode } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { SourceInfoFragment } from '../../../client/generated/graphql';
import { revisionLabel, sourceShortName } from '../../../client/format';
import { request, requestCsv } from '../shared/request';

export type State<T> = { data?: T; error?: string; loading: boolean };

/** Runs `load` whenever `key` changes (`key` stands for everything `load` depends on); keeps the previous data while the next load runs. */
export function useLoad<T>(load: () => Promise<T>, key: string): State<T> {
  const [state, setState] = useState<State<T>>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (err: Error) => live && setState({ error: err.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

/** One typed operation; sent again when the variables change. */
export function useQuery<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): State<TResult> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<State<TResult>>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    request(document, JSON.parse(key) as TVariables).then(
      (data) => live && setState({ data, loading: false }),
      (err: Error) => live && setState({ error: err.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [document, key]);
  return state;
}

/** A figure's source with its footnote number; `short`: "MCS 2026" for USGS's editions (the full name in the tooltip). */
export function SourceRef({ source, sources, short = false }: { source: { id: string; name: string } | null | undefined; sources: SourceInfoFragment[]; short?: boolean }) {
  if (!source) return <span className="muted">not recorded</span>;
  const n = sources.findIndex((s) => s.id === source.id) + 1;
  return (
    <span title={`Source: ${source.name}`}>
      {short ? sourceShortName(source.name) : source.name}
      {n > 0 && (
        <sup>
          <a href={`#source-${n}`} aria-label={`footnote ${n}`}>
            [{n}]
          </a>
        </sup>
      )}
    </span>
  );
}

export const Estimate = ({ isEstimate }: { isEstimate: boolean }) =>
  isEstimate ? <span className="badge estimate" title="An estimate (marked so by its publisher, or derived by argentum), not a reported figure">estimate</span> : <span className="muted">reported</span>;

type Revision = { id: string; tonnes: number; isEstimate: boolean; isCurrent: boolean; source?: { name: string; publishedOn?: string | null } | null };

/** Every revision of a figure, oldest publication first, the current value in bold; "–" when it was never revised. */
export function Revisions({ revisions }: { revisions: Revision[] }) {
  if (revisions.length < 2) return <span className="muted">–</span>;
  return (
    <span className="revisions">
      {revisions.map((r, i) => (
        <span key={r.id}>
          {i > 0 && ' → '}
          <span
            className={r.isCurrent ? 'current' : undefined}
            title={`${r.source?.name ?? 'source not recorded'}${r.source?.publishedOn ? `, published ${r.source.publishedOn}` : ''}${r.isCurrent ? ': the current value' : ''}`}
          >
            {revisionLabel(r)}
          </span>
        </span>
      ))}
    </span>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

export const Problem = ({ message }: { message: string }) => (
  <p className="problem" role="alert">
    Could not load the data: {message}
  </p>
);

/**
 * "Download CSV": the same figures as the table next to it, from /graphql as CSV, saved as
 * `filename`; `csvPath` names the list to export when the answer has more than one.
 */
export function CsvLink<TResult, TVariables>({
  operation,
  variables,
  filename,
  csvPath,
}: {
  operation: TypedDocumentNode<TResult, TVariables>;
  variables: TVariables;
  filename: string;
  csvPath?: string;
}) {
  const [problem, setProblem] = useState<string>();
  const download = async (event: { preventDefault(): void }) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      const url = URL.createObjectURL(await requestCsv(operation, variables, csvPath));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <p className="csv-link">
      <a href="#" onClick={download} download={filename}>
        Download CSV
      </a>
      {problem && <span role="alert"> Could not download: {problem}</span>}
    </p>
  );
}
