#include "reader.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "error.h"
#include "html_reader.h"
#include "warc_reader.h"
#include "utf8.h"

namespace fs = std::filesystem;

namespace whosaid {

std::uint64_t stable_hash64(std::string_view data, std::uint64_t h) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string stable_hash_hex(std::string_view data) { return fmt::format("{:016x}", stable_hash64(data)); }

namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::string derive_id(const Article& a) {
  if (!a.url.empty()) return a.url;
  return "sha:" + stable_hash_hex(a.text);
}

// Reads a string field, accepting a missing field or null as empty; a wrong type is a problem.
bool string_field(const nlohmann::json& o, const char* key, std::string& out, std::string& why) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return true;
  if (it->is_string()) { out = it->get<std::string>(); return true; }
  // Numeric ids are common in exports; any other field must be a string.
  if (it->is_number_integer() && (std::string_view(key) == "id" || std::string_view(key) == "doc_id")) {
    out = it->dump();
    return true;
  }
  why = fmt::format("field \"{}\" must be a string, not {}", key, it->type_name());
  return false;
}

void repair_article(Article& a) {
  for (auto* s : {&a.id, &a.title, &a.outlet, &a.date, &a.url, &a.language, &a.text}) utf8::repair(*s);
  for (auto& s : a.authors) utf8::repair(s);
}

// What a file holds, from its name and its first bytes (a .txt that is really HTML is read as HTML,
// a WARC without its extension is still a WARC).
enum class FileKind { jsonl, text, html, warc, binary, unknown };

std::string extension_of(const fs::path& p) {
  std::string name = p.filename().string();
  std::transform(name.begin(), name.end(), name.begin(), ::tolower);
  if (name.size() > 8 && name.compare(name.size() - 8, 8, ".warc.gz") == 0) return ".warc.gz";
  auto e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), ::tolower);
  return e;
}

std::string head_of(const fs::path& p, std::size_t n) {
  std::ifstream in(p, std::ios::binary);
  std::string buf(n, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(n));
  buf.resize(static_cast<std::size_t>(in.gcount()));
  return buf;
}

FileKind sniff(const fs::path& p) {
  const std::string ext = extension_of(p);
  const std::string head = head_of(p, 512);
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b)
    return ext == ".warc.gz" || ext == ".gz" ? FileKind::warc : FileKind::binary;
  if (head.rfind("WARC/", 0) == 0) return FileKind::warc;
  std::size_t i = head.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string start;
  for (std::size_t k = i; k < head.size() && k < i + 15; ++k) start += static_cast<char>(std::tolower(static_cast<unsigned char>(head[k])));
  bool looks_html = start.rfind("<!doctype html", 0) == 0 || start.rfind("<html", 0) == 0 ||
                    (start.rfind("<", 0) == 0 && (ext == ".html" || ext == ".htm" || ext == ".xhtml"));
  if (ext == ".jsonl" || ext == ".ndjson") return FileKind::jsonl;
  if (ext == ".warc") return FileKind::warc;
  if (head.find('\0') != std::string::npos) return FileKind::binary;
  if (looks_html || ext == ".html" || ext == ".htm" || ext == ".xhtml") return FileKind::html;
  if (ext == ".txt" || ext == ".md" || ext == ".markdown") return FileKind::text;
  if (!start.empty() && start[0] == '{') return FileKind::jsonl;
  return FileKind::unknown;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open: {}", p.string(), std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void read_file(const fs::path& path, const fs::path& root, bool explicit_file, const ArticleHandler& on_article,
               const ProblemHandler& on_problem) {
  const std::string name = path.string();
  const FileKind kind = sniff(path);
  if (kind == FileKind::jsonl) {
    std::ifstream in(path, std::ios::binary);
    if (!in) { on_problem({name, std::strerror(errno)}); return; }
    read_jsonl(in, name, on_article, on_problem);
    return;
  }
  if (kind == FileKind::warc) {
    read_warc(name, on_article, on_problem);
    return;
  }
  if (kind == FileKind::binary) {
    on_problem({name, "binary file (not text, HTML, JSONL or WARC), not an article"});
    return;
  }
  if (kind == FileKind::unknown) {
    (void)explicit_file;
    on_problem({name, "unsupported file type (expected .jsonl, .ndjson, .txt, .md, .html, .warc, .warc.gz)"});
    return;
  }
  std::string content;
  try {
    content = slurp(path);
  } catch (const Error& e) {
    on_problem({name, e.what()});
    return;
  }
  if (content.find('\0') != std::string::npos) {
    on_problem({name, "binary file (contains NUL bytes), not an article"});
    return;
  }
  std::string id = explicit_file ? path.filename().string() : fs::relative(path, root).generic_string();
  // Without an extension the id reads better in citations and URLs.
  if (auto dot = id.rfind('.'); dot != std::string::npos && dot > 0 && id.find('/', dot) == std::string::npos)
    id.erase(dot);
  const std::size_t bytes = content.size();
  Article a = kind == FileKind::html ? read_html_article(content, id, name) : read_text_article(std::move(content), id, name);
  a.input_bytes = bytes;
  if (a.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    on_problem({name, kind == FileKind::html ? "HTML page without article text" : "empty article (no text)"});
    return;
  }
  on_article(std::move(a));
}

// The fast path for a well-formed line: simdjson reads only the fields whosaid uses. Anything
// unusual (invalid UTF-8, a wrong type, no "text") returns false and the line goes through the
// nlohmann path below, which repairs what it can and names the fault.
bool fast_parse(std::string_view line, Article& a) {
  thread_local simdjson::ondemand::parser parser;
  thread_local simdjson::padded_string buffer;
  if (buffer.size() < line.size()) buffer = simdjson::padded_string(line.size() * 2);
  std::memcpy(buffer.data(), line.data(), line.size());
  simdjson::ondemand::document doc;
  if (parser.iterate(buffer.data(), line.size(), buffer.size() + simdjson::SIMDJSON_PADDING).get(doc)) return false;
  simdjson::ondemand::object obj;
  if (doc.get_object().get(obj)) return false;
  bool has_text = false;
  std::string doc_id;
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    simdjson::ondemand::value v;
    if (field.value().get(v)) return false;
    simdjson::ondemand::json_type type;
    if (v.type().get(type)) return false;
    std::string* target = nullptr;
    if (key == "text") target = &a.text, has_text = true;
    else if (key == "title") target = &a.title;
    else if (key == "outlet") target = &a.outlet;
    else if (key == "date") target = &a.date;
    else if (key == "url") target = &a.url;
    else if (key == "language") target = &a.language;
    else if (key == "id") target = &a.id;
    else if (key == "doc_id") target = &doc_id;
    else if (key == "authors") {
      if (type == simdjson::ondemand::json_type::null) continue;
      if (type == simdjson::ondemand::json_type::string) {
        std::string_view sv;
        if (v.get_string().get(sv)) return false;
        a.authors.emplace_back(sv);
        continue;
      }
      if (type != simdjson::ondemand::json_type::array) return false;
      simdjson::ondemand::array arr;
      if (v.get_array().get(arr)) return false;
      for (auto item : arr) {
        std::string_view sv;
        if (item.get_string().get(sv) == simdjson::SUCCESS) a.authors.emplace_back(sv);
      }
      continue;
    } else {
      continue;  // fields whosaid does not use
    }
    if (type == simdjson::ondemand::json_type::null) continue;
    if (type != simdjson::ondemand::json_type::string) return false;  // the slow path explains
    std::string_view sv;
    if (v.get_string().get(sv)) return false;
    target->assign(sv);
  }
  if (!has_text) return false;
  if (a.id.empty()) a.id = std::move(doc_id);
  return true;
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& source, const ArticleHandler& on_article,
                const ProblemHandler& on_problem) {
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = fmt::format("{}:{}", source, lineno);
    {
      Article a;
      if (fast_parse(line, a)) {
        a.source = where;
        a.input_bytes = line.size() + 1;
        if (a.id.empty()) a.id = derive_id(a);
        on_article(std::move(a));
        continue;
      }
    }
    nlohmann::json o;
    try {
      o = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
      // Invalid UTF-8 inside strings is the common cause; repair and try once more.
      std::string fixed = line;
      if (utf8::repair(fixed) == 0) {
        on_problem({where, fmt::format("not JSON: {}", utf8::abbreviate(e.what(), 200))});
        continue;
      }
      try {
        o = nlohmann::json::parse(fixed);
      } catch (const nlohmann::json::exception& e2) {
        on_problem({where, fmt::format("not JSON: {}", utf8::abbreviate(e2.what(), 200))});
        continue;
      }
    }
    if (!o.is_object()) {
      on_problem({where, fmt::format("expected a JSON object, found {}", o.type_name())});
      continue;
    }
    Article a;
    a.source = where;
    a.input_bytes = line.size() + 1;
    std::string why;
    if (!string_field(o, "text", a.text, why) || !string_field(o, "title", a.title, why) ||
        !string_field(o, "outlet", a.outlet, why) || !string_field(o, "date", a.date, why) ||
        !string_field(o, "url", a.url, why) || !string_field(o, "language", a.language, why)) {
      on_problem({where, why});
      continue;
    }
    if (!o.contains("text")) {
      on_problem({where, "no \"text\" field"});
      continue;
    }
    if (!string_field(o, "id", a.id, why) || (a.id.empty() && !string_field(o, "doc_id", a.id, why))) {
      on_problem({where, why});
      continue;
    }
    if (auto it = o.find("authors"); it != o.end() && !it->is_null()) {
      if (it->is_string()) {
        a.authors.push_back(it->get<std::string>());
      } else if (it->is_array()) {
        for (auto& x : *it)
          if (x.is_string()) a.authors.push_back(x.get<std::string>());
      } else {
        on_problem({where, "field \"authors\" must be a list of strings"});
        continue;
      }
    }
    repair_article(a);
    if (a.id.empty()) a.id = derive_id(a);
    on_article(std::move(a));
  }
}

Article read_text_article(std::string content, const std::string& default_id, const std::string& source) {
  Article a;
  a.source = source;
  std::size_t body = 0;
  // A UTF-8 byte-order mark is not part of the text.
  if (content.rfind("\xEF\xBB\xBF", 0) == 0) body = 3;
  std::string_view v(content);
  auto line_end = [&](std::size_t from) {
    auto e = v.find('\n', from);
    return e == std::string_view::npos ? v.size() : e;
  };
  std::size_t e0 = line_end(body);
  if (trim(v.substr(body, e0 - body)) == "---") {
    std::size_t pos = e0 + 1;
    bool closed = false;
    std::size_t fm_end = pos;
    while (pos <= v.size()) {
      std::size_t e = line_end(pos);
      std::string line = trim(v.substr(pos, e - pos));
      if (line == "---" || line == "...") { closed = true; fm_end = std::min(e + 1, v.size()); break; }
      if (e >= v.size()) break;
      pos = e + 1;
    }
    if (closed) {
      std::size_t p = e0 + 1;
      while (p < fm_end) {
        std::size_t e = line_end(p);
        std::string line = trim(v.substr(p, e - p));
        p = e + 1;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string key = trim(std::string_view(line).substr(0, colon));
        std::string val = trim(std::string_view(line).substr(colon + 1));
        if (val.size() >= 2 && ((val.front() == '"' && val.back() == '"') || (val.front() == '\'' && val.back() == '\'')))
          val = val.substr(1, val.size() - 2);
        if (key == "id" || key == "doc_id") a.id = val;
        else if (key == "title") a.title = val;
        else if (key == "outlet") a.outlet = val;
        else if (key == "date") a.date = val;
        else if (key == "url") a.url = val;
        else if (key == "language") a.language = val;
        else if (key == "authors" || key == "author") {
          // "[A, B]" or "A; B" or a single name
          std::string list = val;
          if (!list.empty() && list.front() == '[') list = list.substr(1, list.size() - (list.back() == ']' ? 2 : 1));
          std::stringstream ss(list);
          std::string item;
          char sep = list.find(';') != std::string::npos ? ';' : ',';
          while (std::getline(ss, item, sep)) {
            item = trim(item);
            if (item.size() >= 2 && (item.front() == '"' || item.front() == '\'')) item = item.substr(1, item.size() - 2);
            if (!item.empty()) a.authors.push_back(item);
          }
        }
      }
      body = fm_end;
    }
  }
  a.text = content.substr(body);
  repair_article(a);
  if (a.id.empty()) a.id = default_id.empty() ? derive_id(a) : default_id;
  return a;
}

std::size_t total_input_bytes(const std::vector<std::string>& inputs) {
  std::size_t total = 0;
  std::error_code ec;
  for (const auto& input : inputs) {
    if (input == "-") continue;
    fs::path p(input);
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().filename().string().front() != '.') total += it->file_size(ec);
      }
    } else if (auto n = fs::file_size(p, ec); !ec) {
      total += n;
    }
    ec.clear();
  }
  return total;
}

void read_inputs(const std::vector<std::string>& inputs, const ArticleHandler& on_article,
                 const ProblemHandler& on_problem) {
  for (const auto& input : inputs) {
    if (input == "-") {
      read_jsonl(std::cin, "<stdin>", on_article, on_problem);
      continue;
    }
    fs::path p(input);
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      on_problem({input, "no such file or directory"});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) files.push_back(it->path());
      }
      if (ec) on_problem({input, ec.message()});
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        if (f.filename().string().front() == '.') continue;
        read_file(f, p, false, on_article, on_problem);
      }
    } else {
      read_file(p, p.parent_path(), true, on_article, on_problem);
    }
  }
}

}  // namespace whosaid
