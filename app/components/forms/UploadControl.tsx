import { CameraOutlined, UploadOutlined } from "@ant-design/icons";
import { Typography, Upload } from "antd";
import type { UploadFile, UploadProps } from "antd";
import { useState } from "react";
import { UPLOAD_DEFAULT_MAX_FILES, UPLOAD_MAX_MB, UPLOAD_TYPES, uploadAccept, uploadMaxBytes, type UploadFieldDef } from "../../../forms/fields/upload";
import { formMessage, localized, type Locale } from "../../../forms/messages";
import { fileUrl, useUploads, type UploadedFile } from "./UploadContext";
import { rendererText } from "./rendererText";

export type UploadControlProps = {
  field: UploadFieldDef;
  id: string;
  value: unknown;
  onChange: (ids: string[]) => void;
  disabled: boolean;
  locale: Locale;
  aria: Record<string, unknown>;
};

type ServerAnswer = { file?: UploadedFile; error?: { message?: string; messageEn?: string; fieldErrors?: Record<string, string> } };

function itemOf(file: UploadedFile): UploadFile {
  const image = file.mime.startsWith("image/");
  return { uid: file.id, name: file.name, status: "done", url: fileUrl(file.id), thumbUrl: image ? fileUrl(file.id) : undefined, type: file.mime, size: file.size };
}

/**
 * Files for an upload field: each is sent to the server as soon as it is chosen (the server
 * sniffs its type and keeps it), and the field's value is the list of ids that came back.
 * Images show as thumbnails; phones offer the camera, or open it directly when the field asks.
 */
export function UploadControl({ field, id, value, onChange, disabled, locale, aria }: UploadControlProps) {
  const { uploadUrl, csrf, files, remember } = useUploads();
  const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const [items, setItems] = useState<UploadFile[]>(() => ids.map((i) => itemOf(files[i] ?? { id: i, name: i.slice(0, 8), mime: "", size: 0 })));
  const [problem, setProblem] = useState<string | null>(null);
  const label = localized(field.label, locale);
  const accept = uploadAccept(field);
  const maxFiles = field.maxFiles ?? UPLOAD_DEFAULT_MAX_FILES;
  const imagesOnly = accept.every((m) => m.startsWith("image/"));

  const errorOf = (answer: unknown): string => {
    const body = answer as ServerAnswer | undefined;
    return body?.error?.fieldErrors?.[field.key] ?? (locale === "en" ? body?.error?.messageEn : body?.error?.message) ?? rendererText(locale, "uploadFailed");
  };

  const props: UploadProps<ServerAnswer> = {
    id,
    name: "file",
    action: uploadUrl?.(field.key),
    headers: { "X-CSRF-Token": csrf },
    withCredentials: true,
    // With `capture` the phone opens its camera at once; otherwise it offers camera, gallery and files.
    accept: field.capture ? "image/*" : accept.join(","),
    capture: field.capture,
    multiple: maxFiles > 1,
    listType: "picture-card",
    fileList: items,
    disabled: disabled || !uploadUrl,
    beforeUpload: (file, batch) => {
      const pending = items.filter((i) => i.status !== "error").length + batch.indexOf(file);
      if (pending >= maxFiles) {
        setProblem(formMessage(locale, "tooManyFiles", { label, max: maxFiles }));
        return Upload.LIST_IGNORE;
      }
      if (file.size > uploadMaxBytes(field)) {
        const size = String(Math.round((file.size / 1024 / 1024) * 10) / 10);
        setProblem(formMessage(locale, "fileTooLarge", { label, max: field.maxSizeMb ?? UPLOAD_MAX_MB, name: file.name, size }));
        return Upload.LIST_IGNORE;
      }
      setProblem(null);
      return true;
    },
    onChange: ({ file, fileList }) => {
      if (file.status === "error") {
        setProblem(errorOf(file.response));
        setItems(fileList.filter((i) => i.uid !== file.uid));
        return;
      }
      const next = fileList.map((i) => (i.uid === file.uid && file.status === "done" && file.response?.file ? itemOf(file.response.file) : i));
      if (file.status === "done" && file.response?.file) remember(file.response.file);
      setItems(next);
      if (file.status === "done" || file.status === "removed") onChange(next.filter((i) => i.status === "done").map((i) => i.uid));
    },
    showUploadList: { showPreviewIcon: true, showRemoveIcon: !disabled },
    onPreview: (file) => {
      if (file.url) window.open(file.url, "_blank", "noopener");
    },
  };

  const types = accept.map((m) => UPLOAD_TYPES[m]).join("/");
  return (
    <div {...aria}>
      <Upload {...props}>
        {items.length < maxFiles && !disabled && (
          <button type="button" className="nj-upload-button" aria-label={`${label}：${rendererText(locale, imagesOnly ? "choosePhoto" : "chooseFile")}`}>
            {imagesOnly ? <CameraOutlined /> : <UploadOutlined />}
            <div>{rendererText(locale, imagesOnly ? "choosePhoto" : "chooseFile")}</div>
          </button>
        )}
      </Upload>
      {problem && (
        <Typography.Text type="danger" role="alert" style={{ display: "block" }}>
          {problem}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ display: "block", fontSize: 13, marginBottom: 4 }}>
        {rendererText(locale, "uploadLimits", { types, max: String(field.maxSizeMb ?? UPLOAD_MAX_MB), count: String(maxFiles) })}
      </Typography.Text>
    </div>
  );
}
