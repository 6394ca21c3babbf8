/** Loading, error and empty states, the same on every page. */
export const Loading = () => <p className="muted" role="status">正在加载…</p>;

export const ErrorNotice = ({ error, onRetry }: { error: Error; onRetry?: () => void }) => (
  <div className="notice error" role="alert">
    {/* The services say each message in Chinese, then " / " and English for the log: the clerk reads the Chinese. */}
    <p>{error.message.split(' / ')[0]}</p>
    {onRetry && (
      <button type="button" onClick={onRetry}>
        重试
      </button>
    )}
  </div>
);

export const Empty = ({ children }: { children: React.ReactNode }) => <p className="muted">{children}</p>;
