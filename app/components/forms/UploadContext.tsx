import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

/** An uploaded file as pages see it (the server's FileMeta). */
export type UploadedFile = { id: string; name: string; mime: string; size: number };

export const fileUrl = (id: string) => `/files/${id}`;

type UploadContextValue = {
  /** Where an upload field posts its files; null where nothing can be uploaded (read-only views). */
  uploadUrl: ((fieldKey: string) => string) | null;
  csrf: string;
  files: Record<string, UploadedFile>;
  remember: (file: UploadedFile) => void;
};

const UploadContext = createContext<UploadContextValue>({ uploadUrl: null, csrf: "", files: {}, remember: () => {} });

/**
 * What upload fields and read-only views need from their page: the files already known (a
 * draft's, a case's) and, on pages that accept uploads, where to send new ones.
 */
export function UploadProvider({ files, uploadUrl = null, csrf = "", children }: { files: UploadedFile[]; uploadUrl?: ((fieldKey: string) => string) | null; csrf?: string; children: ReactNode }) {
  const [known, setKnown] = useState<Record<string, UploadedFile>>(() => Object.fromEntries(files.map((f) => [f.id, f])));
  const remember = useCallback((file: UploadedFile) => setKnown((k) => ({ ...k, [file.id]: file })), []);
  const value = useMemo(() => ({ uploadUrl, csrf, files: known, remember }), [uploadUrl, csrf, known, remember]);
  return <UploadContext.Provider value={value}>{children}</UploadContext.Provider>;
}

export function useUploads(): UploadContextValue {
  return useContext(UploadContext);
}
