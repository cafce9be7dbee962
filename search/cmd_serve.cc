// whosaid serve [--db PATH]... [--listen 127.0.0.1:8080] [--threads N] [--access-log]
//
// The JSON API of serve_api.h and the web page of search/web/ over HTTP (cpp-httplib), read-only.
// Stages: parse the options -> open the index once (a missing index is a usage error, exit 2)
// -> bind -> serve on a fixed pool of worker threads until SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include <httplib.h>
#include <pthread.h>

#include <fmt/format.h>

#include "cli.h"
#include "commands.h"
#include "error.h"
#include "serve_api.h"
#include "serve_static.h"
#include "utf8.h"

namespace whosaid {

namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::size_t threads = 8;
  bool access_log = false;
  ApiLimits limits;
};

struct ListenAddress {
  std::string host;
  int port = 0;
};

// "HOST:PORT", "[::1]:PORT"; port 0 asks the system for a free one (printed on start).
ListenAddress parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw Error(fmt::format("--listen {}: expected HOST:PORT, e.g. 127.0.0.1:8080", text));
  ListenAddress a;
  a.host = text.substr(0, colon);
  if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
  try {
    std::size_t used = 0;
    a.port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || a.port < 0 || a.port > 65535) throw std::out_of_range("port");
  } catch (const std::exception&) {
    throw Error(fmt::format("--listen {}: the port must be a number from 0 to 65535", text));
  }
  return a;
}

// One QuoteIndex per worker thread: a Xapian::Database is not safe to share between threads.
// Each is opened on its thread's first request and brought to the latest committed revision
// before every request: reopen() re-reads the small revision file, and the new root blocks only
// when whosaid-index has committed since. Xapian readers only ever see committed revisions, so a
// batch that is being written is invisible until its commit, never half there.
class IndexPerThread {
 public:
  IndexPerThread(std::vector<std::string> specs, OpenOptions options)
      : specs_(std::move(specs)), options_(options) {}

  const QuoteIndex& fresh() {
    auto& slot = slot_for_this_thread();
    if (!slot) {
      slot = QuoteIndex::open(specs_, options_);
    } else {
      Xapian::Database handle = slot->database();  // a copy shares the handle's state: reopens it
      handle.reopen();
    }
    return *slot;
  }

  // After an error: the next request on this thread opens the index anew.
  void drop() { slot_for_this_thread().reset(); }

 private:
  static std::optional<QuoteIndex>& slot_for_this_thread() {
    thread_local std::optional<QuoteIndex> slot;  // one server per process: no key needed
    return slot;
  }

  std::vector<std::string> specs_;  // as --db gave them: paths, tcp:HOST:PORT shards, stub files
  OpenOptions options_;
};

// The error bodies of answers httplib makes itself, before any handler of ours ran.
std::string status_text(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 408: return "request timeout";
    case 413: return "request too large";
    case 414: return "URI too long (at most 8,192 bytes)";
    case 416: return "range not satisfiable";
    case 431: return "request headers too large";
    default: return status >= 500 ? "internal error" : "bad request";
  }
}

class Server {
 public:
  Server(const ServeOptions& options, std::vector<std::string> specs, OpenOptions open)
      : options_(options), indexes_(std::move(specs), open) {
    configure();
    routes();
  }

  void bind(const ListenAddress& at) {
    int port = at.port;
    if (port == 0) {
      port = http_.bind_to_any_port(at.host);
    } else if (!http_.bind_to_port(at.host, port)) {
      port = -1;
    }
    if (port < 0) throw Error(fmt::format("--listen {}:{}: cannot listen there (in use, or not an address of this machine)",
                                          at.host, at.port));
    bound_ = ListenAddress{at.host, port};
  }

  const ListenAddress& address() const { return bound_; }

  void run() { http_.listen_after_bind(); }
  void stop() { http_.stop(); }

 private:
  void configure() {
    http_.new_task_queue = [n = options_.threads] { return new httplib::ThreadPool(n); };
    // Request time: a client gets 5 s to send its request and to take the answer; a worker holds
    // an idle keep-alive connection for 2 s at most, so idle browsers cannot starve the pool.
    http_.set_read_timeout(5);
    http_.set_write_timeout(5);
    http_.set_keep_alive_timeout(2);
    http_.set_keep_alive_max_count(1000);
    http_.set_payload_max_length(64 * 1024);  // nothing is posted; a large body is a 413
    http_.set_tcp_nodelay(true);
    http_.set_default_headers({
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"},
    });
    // Answers httplib makes itself (400 unparsable request, 404, 413, 414 URI too long) get a
    // JSON body like ours.
    http_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      res.set_content(api_error(res.status, status_text(res.status)).body, "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }));
    http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      res.status = 500;
      res.set_content(api_error(500, "internal error").body, "application/json");
    });
    if (options_.access_log)
      http_.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
  }

  void routes() {
    using Endpoint = ApiReply (*)(const QuoteIndex&, const ApiParams&, const ApiLimits&);
    auto api = [this](Endpoint endpoint) {
      return [this, endpoint](const httplib::Request& req, httplib::Response& res) {
        reply(res, [&](const QuoteIndex& index) { return endpoint(index, req.params, options_.limits); });
      };
    };
    http_.Get("/healthz", api(api_health));
    http_.Get("/api/search", api(api_search));
    http_.Get("/api/verify", api(api_verify));
    http_.Get("/api/cite", api(api_cite));
    http_.Get("/api/speakers", api(api_speakers));
    http_.Get("/api/quotes/(.+)", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string id = req.matches[1];
      reply(res, [&](const QuoteIndex& index) { return api_quote(index, id, req.params, options_.limits); });
    });
    http_.Get("/api(/.*)?", [](const httplib::Request& req, httplib::Response& res) {
      send(res, api_error(404, "no such endpoint (see GET /api/search, /api/verify, /api/cite, /api/quotes/ID, "
                               "/api/speakers, /healthz)"));
    });
    // Everything else is the web page, from the embedded set only.
    http_.Get(".*", [](const httplib::Request& req, httplib::Response& res) {
      const StaticFile* file = find_static_file(req.path);
      if (!file) return send(res, api_error(404, "not found"));
      res.set_header("Cache-Control", "no-cache");
      res.set_content(file->body.data(), file->body.size(), std::string(file->content_type).c_str());
    });
    // Read-only: any other method on any path is a 405.
    auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Allow", "GET, HEAD");
      send(res, api_error(405, "method not allowed: this server only reads (GET, HEAD)"));
    };
    http_.Post(".*", not_allowed);
    http_.Put(".*", not_allowed);
    http_.Patch(".*", not_allowed);
    http_.Delete(".*", not_allowed);
    http_.Options(".*", not_allowed);
  }

  static void send(httplib::Response& res, const ApiReply& reply) {
    res.status = reply.status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(reply.body, "application/json");
  }

  // Runs an endpoint on this thread's index, fresh. A failure that is not the client's (the
  // index changed twice under a long read, a shard went away) drops the handle and retries once
  // on a newly opened one before answering 500.
  template <class Endpoint>
  void reply(httplib::Response& res, Endpoint&& endpoint) {
    for (int attempt = 0;; ++attempt) {
      try {
        return send(res, endpoint(indexes_.fresh()));
      } catch (const std::exception& e) {
        indexes_.drop();
        if (attempt == 0) continue;
        std::string what = e.what();
        utf8::repair(what);
        {
          std::lock_guard lock(log_mutex_);
          std::cerr << "whosaid serve: " << utf8::abbreviate(what, 300) << '\n';
        }
        return send(res, api_error(500, "internal error: " + utf8::abbreviate(what, 300)));
      }
    }
  }

  void log(const httplib::Request& req, const httplib::Response& res) {
    std::string target = req.path;
    utf8::repair(target);
    std::lock_guard lock(log_mutex_);
    std::cerr << fmt::format("{} {} {} {}\n", req.remote_addr, req.method, utf8::abbreviate(target, 200), res.status);
  }

  const ServeOptions& options_;
  IndexPerThread indexes_;
  httplib::Server http_;
  ListenAddress bound_;
  std::mutex log_mutex_;
};

// SIGINT and SIGTERM are taken by one thread that stops the server (a signal handler may not).
// Blocked before the pool starts, so every worker inherits the mask.
std::thread stop_on_signal(Server& server) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return std::thread([set, &server] {
    int sig = 0;
    sigwait(&set, &sig);
    server.stop();
  });
}

}  // namespace

int cmd_serve(int argc, char** argv) {
  CommonOptions common;
  auto app = make_verb_app(
      "serve",
      "Serve the index over HTTP: a web page for searching, verifying and citing quotations, and a\n"
      "JSON API for newsroom tools. Read-only; listens on loopback unless --listen says otherwise.\n"
      "The index may be updated by whosaid-index while it runs: every request sees the latest\n"
      "committed state, without a restart.\n\n"
      "API (GET; answers are the JSON of docs/json-output.md; errors are {\"error\": \"...\"}):\n"
      "  /api/search?q=QUERY&limit=10&offset=0&sort=relevance|date|oldest&all_copies=1&facets=0|1|N\n"
      "  /api/verify?claim=TEXT&speaker=NAME\n"
      "  /api/cite?id=QUOTE_ID&style=apa|mla|chicago|csl-json|bibtex&accessed=YYYY-MM-DD\n"
      "  /api/quotes/QUOTE_ID      (the '#' of an id written %23)\n"
      "  /api/speakers?q=QUERY&limit=50\n"
      "  /healthz\n"
      "Status: 400 bad parameter or query, 404 unknown id or path, 405 not GET, 414 too long,\n"
      "500 internal. Limits: q 1,000 bytes, claim 2,000, limit 100, offset 10,000.\n\n"
      "Examples:\n"
      "  whosaid serve --db news.db                      then open http://127.0.0.1:8080/\n"
      "  whosaid serve --listen 127.0.0.1:0              a free port, printed on start\n"
      "  curl 'http://127.0.0.1:8080/api/search?q=org:HRW'",
      common, false);
  ServeOptions options;
  app->add_option("--listen", options.listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free one)");
  app->add_option("--threads", options.threads, "worker threads, each with its own index handle (default 8)")
      ->check(CLI::Range(1, 256));
  app->add_flag("--access-log", options.access_log, "one line per request on stderr");
  return run_verb(*app, argc, argv, [&] {
    ListenAddress at = parse_listen(options.listen);
    QuoteIndex index = open_index(common);  // fail now, with exit 2, if there is no index
    std::vector<std::string> specs = common.dbs;
    if (specs.empty()) specs.push_back(index.name());  // $WHOSAID_DB or ./whosaid.db, as open_index chose
    Server server(options, specs, open_options(common));
    server.bind(at);
    std::thread signals = stop_on_signal(server);
    std::cout << fmt::format("whosaid serve: listening on http://{}:{}/ ({} quotations, {} workers)\n",
                             at.host.find(':') != std::string::npos ? "[" + at.host + "]" : at.host,
                             server.address().port, index.size(), options.threads)
              << std::flush;
    server.run();
    pthread_kill(signals.native_handle(), SIGTERM);  // the server stopped on its own: end the waiter too
    signals.join();
    return static_cast<int>(exit_ok);
  });
}

}  // namespace whosaid
