/**
 * antd's Table as the workbench's tables use it: small, unpaged unless asked, and its <table> named (aria-label) so a
 * screen reader, and the tests, find it by its name as they found the hand-made tables.
 */
import { Table, type TableProps } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';

export const DataTable = <T extends object>({ label, ...props }: TableProps<T> & { label: string }) => {
  // One component per name: a new one each render would make antd build the table afresh.
  const components = useMemo(() => ({ table: (p: HTMLAttributes<HTMLTableElement>) => <table {...p} aria-label={label} /> }), [label]);
  return <Table<T> size="small" pagination={false} components={components} {...props} />;
};
