/**
 * antd's setting for the components within: Chinese (zh_CN), the workbench's own font, 撤销 written 撤销 on a button
 * (not 撤 销), and antd's App for its modals (useConfirm). Loaded with the first section that uses antd, so the first
 * screen (规划) does not wait for the library.
 */
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';

const AntdScope = ({ children }: { children: ReactNode }) => (
  <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: 'inherit' } }} button={{ autoInsertSpace: false }}>
    <AntApp component={false}>{children}</AntApp>
  </ConfigProvider>
);

export default AntdScope;
