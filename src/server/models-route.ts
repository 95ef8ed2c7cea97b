/** @module GET /v1/models and /v1/models/{id}: OpenAI's list and Model shapes. */
import { Hono } from 'hono';
import { toApiError } from './api-error.js';
import { baseModelId, type ModelCatalog, toModelObject } from './model-catalog.js';

/** Routes for model discovery; `created` is the server's start time. */
export function createModelsRoutes(catalog: ModelCatalog, created: number): Hono {
  const routes = new Hono();
  routes.get('/', (c) => c.json({ object: 'list', data: catalog.list().map((id) => toModelObject(id, created)) }));
  routes.get('/:id{.+}', async (c) => {
    const id = c.req.param('id');
    try {
      await catalog.check(baseModelId(id));
    } catch (error) {
      throw toApiError(error);
    }
    return c.json(toModelObject(id, created));
  });
  return routes;
}
