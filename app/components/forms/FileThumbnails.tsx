import { FileOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import type { Locale } from "../../../forms/messages";
import { fileUrl, useUploads } from "./UploadContext";
import { rendererText } from "./rendererText";

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Submitted files, read-only: images as thumbnails that open full size, other files as named links. */
export function FileThumbnails({ ids, locale }: { ids: unknown; locale: Locale }) {
  const { files } = useUploads();
  const list = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  if (list.length === 0) return <Typography.Text type="secondary">{rendererText(locale, "noFiles")}</Typography.Text>;
  return (
    <div className="nj-thumbs">
      {list.map((id) => {
        const file = files[id];
        const name = file?.name ?? id.slice(0, 8);
        if (file?.mime.startsWith("image/")) {
          return (
            <a key={id} href={fileUrl(id)} target="_blank" rel="noreferrer" className="nj-thumb" title={name}>
              <img src={fileUrl(id)} alt={name} loading="lazy" />
            </a>
          );
        }
        return (
          <a key={id} href={fileUrl(id)} target="_blank" rel="noreferrer" className="nj-thumb-file">
            <FileOutlined /> {name}
            {file && <Typography.Text type="secondary"> ({sizeText(file.size)})</Typography.Text>}
          </a>
        );
      })}
    </div>
  );
}
