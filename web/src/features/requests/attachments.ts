import { api, unwrap } from '../../api/client';

/** api.md: what the service accepts, judged by content (it says 415 otherwise) and size (413). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_TYPES = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.xls';
export const ACCEPTED_LABEL = 'PDF, JPEG, PNG, DOCX, XLSX or XLS, at most 10 MB each';
const EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'xlsx', 'xls'];

/** Why a file would be refused, before uploading it (the API checks again by content). */
export function fileProblem(file: { name: string; size: number }): string | null {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!EXTENSIONS.includes(extension)) return `${file.name}: only ${ACCEPTED_LABEL}.`;
  if (file.size > MAX_UPLOAD_BYTES) return `${file.name}: larger than 10 MB.`;
  if (file.size === 0) return `${file.name}: the file is empty.`;
  return null;
}

export async function uploadAttachment(requestId: string, file: File, category: string) {
  const form = new FormData();
  form.append('file', file, file.name);
  if (category) form.append('category', category);
  return unwrap(
    await api.POST('/api/prs/requests/{id}/attachments/', {
      params: { path: { id: requestId } },
      // The typed body names the parts; the browser sends the FormData with its own boundary.
      body: { file: file.name, category },
      bodySerializer: () => form,
    }),
  );
}

/** Downloads need the access token, so a plain link cannot fetch them: fetch, then hand the browser a blob. */
export async function downloadAttachment(id: string, filename: string): Promise<void> {
  const result = await api.GET('/api/prs/attachments/{id}/download/', {
    params: { path: { id } },
    parseAs: 'blob',
  });
  const blob = unwrap(result) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
