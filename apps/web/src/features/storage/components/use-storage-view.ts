import { useUrlView } from '../../../lib/use-url-view';
import { STORAGE_VIEW_CODEC, type StorageView } from './storage-view';

/** The Storage tab's view, kept in the URL: its sections each read the part they show. */
export const useStorageView = (): [StorageView, (patch: Partial<StorageView>) => void] => useUrlView(STORAGE_VIEW_CODEC);
