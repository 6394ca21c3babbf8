/** Calls one operation when its input changes; returns { data, error, loading } and leaves display to the page. */
import { useEffect, useState } from 'react';
import type { Api, ApiName } from '../../shared/api';
import { call } from './client';

export interface CallState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
}

export const useCall = <K extends ApiName>(name: K, input: Api[K]['input'] | null, refresh = 0): CallState<Api[K]['output']> => {
  const [state, setState] = useState<CallState<Api[K]['output']>>({ data: null, error: null, loading: input !== null });
  const key = JSON.stringify(input);
  useEffect(() => {
    if (input === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    call(name, input).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error: error as Error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key, refresh]);
  return state;
};
