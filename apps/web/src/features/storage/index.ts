export { StorageTab } from './components/storage-tab';
