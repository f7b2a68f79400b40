/** A stored document as the API returns it (never its bytes: those are downloaded separately). */
export interface DocumentView {
  id: string;
  ownerKind: string;
  ownerId: string;
  category: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}
