/**
 * Asking before a change that removes something (撤销一批, 删除目标): antd's modal confirm, in Chinese, focused on
 * 取消 so that Enter never removes by accident; resolves true when the clerk confirms.
 */
import { App } from 'antd';

export interface ConfirmOptions {
  title: string;
  content: string;
  /** The confirming button's words (撤销, 删除). */
  ok: string;
}

export const useConfirm = (): ((options: ConfirmOptions) => Promise<boolean>) => {
  const { modal } = App.useApp();
  return ({ title, content, ok }) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title,
        content,
        okText: ok,
        cancelText: '取消',
        okButtonProps: { danger: true },
        autoFocusButton: 'cancel',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
};
