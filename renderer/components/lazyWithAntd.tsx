/**
 * A part of the first screen (规划) that uses antd, as a script of its own fetched when it is first shown, inside antd's
 * Chinese setting (AntdScope): the first screen itself waits for neither.
 */
import { lazy, type ComponentType } from 'react';

export const lazyWithAntd = <P extends object>(load: () => Promise<ComponentType<P>>) =>
  lazy(async () => {
    const [Part, scope] = await Promise.all([load(), import('./AntdScope')]);
    const Scope = scope.default;
    return {
      default: (props: P) => (
        <Scope>
          <Part {...props} />
        </Scope>
      ),
    };
  });
