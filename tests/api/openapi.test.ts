import t from 'tap';
import { apiFixture } from '../support/api-fixture.js';

t.test('the OpenAPI document lists every CONTRACT route with its schemas', async (t) => {
  const { app } = await apiFixture(t);
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.match(doc.openapi, /^3\./);
  for (const [path, method] of [
    ['/api/v1/health', 'get'],
    ['/api/v1/tickets', 'post'],
    ['/api/v1/tickets', 'get'],
    ['/api/v1/queue', 'get'],
    ['/api/v1/counters/{id}/call', 'post'],
    ['/api/v1/counters/{id}/recall', 'post'],
    ['/api/v1/counters/{id}/steps', 'post'],
    ['/api/v1/counters/{id}/complete', 'post'],
    ['/api/v1/counters/{id}/no-show', 'post'],
    ['/api/v1/counters/{id}/transfer', 'post'],
    ['/api/v1/events', 'get'],
    ['/api/v1/counters/{id}/events', 'get'],
    ['/api/v1/devices', 'get'],
  ] as const) {
    t.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`);
  }
  const issue = doc.paths['/api/v1/tickets'].post;
  t.ok(issue.requestBody.content['application/json'].schema.properties.service, 'request body schema');
  t.ok(issue.responses['201'], 'documents 201');
  t.ok(issue.responses['409'], 'documents 409');
});
