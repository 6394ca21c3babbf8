/** Renderer entry: mounts the app, with the component library (antd) set to Chinese. */
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* antd's components in Chinese, in the workbench's own font; 撤销 is written 撤销 on a button, not 撤 销. */}
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: 'inherit' } }} button={{ autoInsertSpace: false }}>
      {/* antd's App: its modals (useConfirm) in this locale and theme. */}
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
