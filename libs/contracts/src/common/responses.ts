export interface Pagination {
  page: number;
  pages: number;
  per_page: number;
  total: number;
  has_next: boolean;
  has_prev: boolean;
}

export interface Paginated<T> {
  data: T[];
  pagination: Pagination;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** The inputs at fault, by path (`name`, `tags.1`, `id`); empty when none is. */
  fields: string[];
}
