/** 选择文件 in browser mode: drop the file here or click to choose it (antd's Upload, which uploads nothing itself). */
import { Upload } from 'antd';
import { chosenUpload, type ChosenFile } from '../api/files';
import AntdScope from './AntdScope';

const FileDrop = ({ id, accept, caption, value, onChange }: { id: string; accept: string; caption: string; value: ChosenFile | null; onChange: (file: ChosenFile | null) => void }) => (
  <AntdScope>
    <Upload.Dragger
      id={id}
      accept={accept}
      multiple={false}
      showUploadList={false}
      beforeUpload={(file) => {
        onChange(chosenUpload(file));
        return false; // kept here; sent when it is read
      }}
    >
      <span className="drop-hint">
        把文件拖到这里，或<span className="link">点击选择</span>：{caption}
      </span>
      <span className={value ? 'file-name' : 'file-name muted'} aria-label="已选择的文件">
        {value?.name ?? '未选择文件'}
      </span>
    </Upload.Dragger>
  </AntdScope>
);

export default FileDrop;
