// A load balancer for the two-instance run (E2E_POSTGRES): listens on one port and sends each
// request to the next of the given upstreams in turn, so that a test's requests alternate
// between two Tierlink instances on one PostgreSQL database. Streams (the bell's event stream)
// are piped as they come. Each answer says which instance made it (x-tierlink-instance).
//
//   node alternate.mjs 3100 3111 3112
import * as http from "node:http";

const [listen, ...upstreams] = process.argv.slice(2).map(Number);
let next = 0;

const server = http.createServer((req, res) => {
  const index = next++ % upstreams.length;
  const upstream = http.request(
    {
      host: "127.0.0.1",
      port: upstreams[index],
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, {
        ...answer.headers,
        "x-tierlink-instance": String(index + 1),
      });
      answer.pipe(res);
    },
  );
  // The browser went away (a page left, an event stream closed): so does the upstream request.
  res.on("close", () => upstream.destroy());
  req.on("error", () => upstream.destroy());
  upstream.on("error", (e) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`upstream ${upstreams[index]}: ${e.message}`);
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 5_000;
server.listen(listen, "127.0.0.1");
