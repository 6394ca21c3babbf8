/** The 选择文件 field for an Excel workbook (.xlsx, .xls); `onChange` gets the file, or null when none is chosen. */
export const WorkbookInput = ({ onChange }: { onChange: (file: File | null) => void }) => (
  <label>
    选择文件
    <input type="file" accept=".xlsx,.xls" onChange={(e) => onChange(e.target.files?.[0] ?? null)} />
  </label>
);
