/** Renderer entry: mounts the app, with the component library (antd) set to Chinese. */
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* antd's components in Chinese, in the workbench's own font. */}
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: 'inherit' } }}>
      <App />
    </ConfigProvider>
  </StrictMode>,
);
