import { http } from './api-server';

/** No table readings yet: a database's top tables and their growth answer empty (the section's own spec covers rows). */
export const noTableReadings = [
  http.get('/api/v1/instances/{id}/databases/{name}/tables', ({ params, response }) =>
    response(200).json({ instance_id: Number(params.id), database_name: params.name, collected_date: null, data: [] }),
  ),
  http.get('/api/v1/instances/{id}/databases/{name}/tables/growth', ({ params, query, response }) =>
    response(200).json({
      instance_id: Number(params.id), database_name: params.name, window_days: Number(query.get('window_days')), start_date: null, end_date: null, data: [],
    }),
  ),
];
