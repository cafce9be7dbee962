#include "html_reader.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>
#include <unicode/unistr.h>

#include "utf8.h"

namespace whosaid {
namespace {

using Json = nlohmann::json;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string name_of(const xmlNode* n) { return n->name ? lower_ascii(reinterpret_cast<const char*>(n->name)) : ""; }

std::string attr(const xmlNode* n, const char* key) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(key));
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// Collapses runs of white space to one space and trims.
std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    // U+00A0 no-break space
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) { ws = true; ++i; }
    if (ws) { space = !out.empty(); continue; }
    if (space) { out += ' '; space = false; }
    out += static_cast<char>(c);
  }
  return out;
}

// Elements that never hold article text.
bool skipped_element(const std::string& name) {
  static const char* const names[] = {"script", "style", "noscript", "nav", "header", "footer", "aside", "figure",
                                      "figcaption", "form", "button", "iframe", "svg", "template", "select",
                                      "input", "label", "menu", "dialog", "object", "video", "audio", "picture"};
  for (const char* n : names)
    if (name == n) return true;
  return false;
}

// class / id / role words of boilerplate blocks: banners, related links, shares, comments, captions.
bool boilerplate(const xmlNode* n) {
  std::string marks = lower_ascii(attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "role") + " " +
                                  attr(n, "aria-label"));
  if (marks.size() <= 3) return false;
  static const char* const words[] = {
      "cookie", "consent", "banner", "related", "promo", "share", "social", "comment", "newsletter", "subscribe",
      "caption", "advert", "sponsor", "sidebar", "footer", "navigation", "navbar", "menu", "breadcrumb", "byline",
      "recommend", "more-stories", "read-more", "readmore", "paywall", "modal", "popup", "tags", "author-bio",
      "disclaimer", "signup", "sign-up", "outbrain", "taboola", "trending", "most-read", "mostread", "gdpr"};
  for (const char* w : words)
    if (marks.find(w) != std::string::npos) return true;
  // "ad", "ads", "ad-slot": whole words only ("head", "read" are not adverts)
  std::size_t pos = 0;
  while ((pos = marks.find("ad", pos)) != std::string::npos) {
    bool start = pos == 0 || !std::isalnum(static_cast<unsigned char>(marks[pos - 1]));
    std::size_t end = pos + 2;
    if (end < marks.size() && marks[end] == 's') ++end;
    bool stop = end >= marks.size() || !std::isalnum(static_cast<unsigned char>(marks[end]));
    if (start && stop) return true;
    pos += 2;
  }
  return false;
}

void gather_text(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string name = name_of(c);
      if (name == "script" || name == "style" || name == "noscript") continue;
      if (name == "br") { out += ' '; continue; }
      gather_text(c, out);
    }
  }
}

// The article's paragraphs, in document order.
void collect_paragraphs(const xmlNode* n, std::vector<std::string>& paragraphs) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string name = name_of(c);
    if (skipped_element(name) || boilerplate(c)) continue;
    if (name == "p") {
      std::string text;
      gather_text(c, text);
      text = squeeze(text);
      if (!text.empty()) paragraphs.push_back(std::move(text));
      continue;
    }
    if (name == "h1" || name == "h2" || name == "h3" || name == "h4") continue;  // headline and sub-heads
    collect_paragraphs(c, paragraphs);
  }
}

const xmlNode* find_first(const xmlNode* n, const std::function<bool(const xmlNode*)>& pred) {
  for (const xmlNode* c = n; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      if (pred(c)) return c;
      if (const xmlNode* f = find_first(c->children, pred)) return f;
    }
  }
  return nullptr;
}

void for_each(const xmlNode* n, const std::function<void(const xmlNode*)>& fn) {
  for (const xmlNode* c = n; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      fn(c);
      for_each(c->children, fn);
    }
  }
}

struct Meta {
  std::string title, date, outlet, url, language;
  std::vector<std::string> authors;
};

void add_authors(const Json& a, std::vector<std::string>& out) {
  if (a.is_string()) {
    out.push_back(a.get<std::string>());
  } else if (a.is_object()) {
    if (a.contains("name") && a["name"].is_string()) out.push_back(a["name"].get<std::string>());
  } else if (a.is_array()) {
    for (const auto& x : a) add_authors(x, out);
  }
}

bool is_article_type(const Json& t) {
  static const char* const types[] = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                                      "OpinionNewsArticle", "BlogPosting", "BackgroundNewsArticle", "LiveBlogPosting"};
  auto match = [](const std::string& s) {
    for (const char* ty : types)
      if (s == ty) return true;
    return false;
  };
  if (t.is_string()) return match(t.get<std::string>());
  if (t.is_array())
    for (const auto& x : t)
      if (x.is_string() && match(x.get<std::string>())) return true;
  return false;
}

std::string str(const Json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object() && it->contains("@id") && (*it)["@id"].is_string()) return (*it)["@id"].get<std::string>();
  return {};
}

void from_json_ld(const Json& j, Meta& m) {
  if (j.is_array()) {
    for (const auto& x : j) from_json_ld(x, m);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) from_json_ld(j["@graph"], m);
  if (!j.contains("@type") || !is_article_type(j["@type"])) return;
  if (m.title.empty()) m.title = str(j, "headline");
  if (m.date.empty()) m.date = str(j, "datePublished");
  if (m.url.empty()) m.url = str(j, "url");
  if (m.url.empty()) m.url = str(j, "mainEntityOfPage");
  if (m.language.empty()) m.language = str(j, "inLanguage");
  if (m.authors.empty() && j.contains("author")) add_authors(j["author"], m.authors);
  if (m.outlet.empty() && j.contains("publisher") && j["publisher"].is_object()) m.outlet = str(j["publisher"], "name");
}

std::string to_utf8(std::string_view bytes, const std::string& charset) {
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset.c_str());
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool valid_utf8(std::string_view s) {
  std::string copy(s);
  return utf8::repair(copy) == 0;
}

}  // namespace

std::string declared_charset(std::string_view html) {
  std::string head = lower_ascii(html.substr(0, std::min<std::size_t>(html.size(), 4096)));
  auto at = head.find("charset=");
  if (at == std::string::npos) return {};
  at += 8;
  while (at < head.size() && (head[at] == '"' || head[at] == '\'' || head[at] == ' ')) ++at;
  std::size_t end = at;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' || head[end] == '_'))
    ++end;
  return head.substr(at, end - at);
}

Article read_html_article(std::string_view html, const std::string& default_id, const std::string& source,
                          const HtmlFallback& fallback) {
  // Character set: what the page declares, else what the HTTP header said, else UTF-8 when the
  // bytes are valid UTF-8, else Windows-1252 (what browsers assume).
  std::string charset = declared_charset(html);
  if (charset.empty()) charset = lower_ascii(fallback.charset);
  std::string utf8_html;
  if (charset.empty() || charset == "utf-8" || charset == "utf8") {
    utf8_html = valid_utf8(html) ? std::string(html) : to_utf8(html, "windows-1252");
  } else {
    utf8_html = to_utf8(html, charset);
  }

  Article a;
  a.source = source;
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      htmlReadMemory(utf8_html.data(), static_cast<int>(utf8_html.size()), nullptr, "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
      xmlFreeDoc);
  if (!doc) {
    a.id = default_id;
    return a;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) {  // a document of nothing but a comment or a doctype: no elements, no article
    a.id = default_id;
    return a;
  }

  // Metadata: JSON-LD first, then OpenGraph / article: / name= meta tags, then the elements.
  Meta m;
  std::string og_title, og_site, og_url, og_date, meta_author, meta_date, canonical, title_el, h1, time_el, lang;
  for_each(root, [&](const xmlNode* n) {
    std::string name = name_of(n);
    if (name == "html" && lang.empty()) lang = attr(n, "lang");
    if (name == "script" && lower_ascii(attr(n, "type")) == "application/ld+json") {
      std::string body;
      for (const xmlNode* c = n->children; c; c = c->next)
        if (c->content) body += reinterpret_cast<const char*>(c->content);
      Json j = Json::parse(body, nullptr, false);
      if (!j.is_discarded()) from_json_ld(j, m);
    } else if (name == "meta") {
      std::string key = lower_ascii(attr(n, "property"));
      if (key.empty()) key = lower_ascii(attr(n, "name"));
      std::string content = attr(n, "content");
      if (key == "og:title") og_title = content;
      else if (key == "og:site_name") og_site = content;
      else if (key == "og:url") og_url = content;
      else if (key == "article:published_time" || key == "og:published_time") og_date = content;
      else if ((key == "author" || key == "article:author") && meta_author.empty() &&
               content.find("://") == std::string::npos)
        meta_author = content;
      else if ((key == "date" || key == "pubdate" || key == "dc.date" || key == "dcterms.created") && meta_date.empty())
        meta_date = content;
    } else if (name == "link" && lower_ascii(attr(n, "rel")) == "canonical") {
      canonical = attr(n, "href");
    } else if (name == "title" && title_el.empty()) {
      std::string t;
      gather_text(n, t);
      title_el = squeeze(t);
    } else if (name == "h1" && h1.empty()) {
      std::string t;
      gather_text(n, t);
      h1 = squeeze(t);
    } else if (name == "time" && time_el.empty()) {
      time_el = attr(n, "datetime");
    }
  });
  auto first = [](std::initializer_list<const std::string*> xs) {
    for (const std::string* x : xs)
      if (!x->empty()) return *x;
    return std::string();
  };
  a.title = squeeze(first({&m.title, &og_title, &h1, &title_el}));
  a.date = first({&m.date, &og_date, &meta_date, &time_el, &fallback.date});
  a.outlet = squeeze(first({&m.outlet, &og_site}));
  a.url = first({&canonical, &m.url, &og_url, &fallback.url});
  a.language = first({&m.language, &lang});
  a.authors = m.authors;
  if (a.authors.empty() && !meta_author.empty()) a.authors.push_back(meta_author);
  if (a.authors.empty()) {
    // A byline: "By Ana Ruiz and Tom Hall"
    const xmlNode* by = find_first(root, [](const xmlNode* n) {
      std::string marks = lower_ascii(attr(n, "class") + " " + attr(n, "rel"));
      return marks.find("byline") != std::string::npos || marks.find("author") != std::string::npos;
    });
    if (by) {
      std::string t;
      gather_text(by, t);
      t = squeeze(t);
      if (t.rfind("By ", 0) == 0 || t.rfind("by ", 0) == 0) t = t.substr(3);
      for (std::size_t start = 0; start < t.size();) {
        std::size_t cut = std::min(t.find(" and ", start), t.find(", ", start));
        std::string name = squeeze(t.substr(start, cut == std::string::npos ? std::string::npos : cut - start));
        if (!name.empty() && name.size() < 60) a.authors.push_back(name);
        if (cut == std::string::npos) break;
        start = cut + (t.compare(cut, 5, " and ") == 0 ? 5 : 2);
      }
    }
  }

  // Body: the paragraphs of <article> (or itemprop=articleBody, <main>, <body>).
  const xmlNode* scope = find_first(root, [](const xmlNode* n) {
    return lower_ascii(attr(n, "itemprop")) == "articlebody";
  });
  if (!scope) scope = find_first(root, [](const xmlNode* n) { return name_of(n) == "article"; });
  if (!scope) scope = find_first(root, [](const xmlNode* n) { return name_of(n) == "main"; });
  if (!scope) scope = find_first(root, [](const xmlNode* n) { return name_of(n) == "body"; });
  if (!scope) scope = root;
  std::vector<std::string> paragraphs;
  collect_paragraphs(scope, paragraphs);
  if (paragraphs.empty()) {
    std::string t;
    gather_text(scope, t);
    t = squeeze(t);
    if (!t.empty()) paragraphs.push_back(std::move(t));
  }
  for (const auto& p : paragraphs) {
    if (!a.text.empty()) a.text += "\n\n";
    a.text += p;
  }
  utf8::repair(a.text);
  a.id = !a.url.empty() ? a.url : default_id;
  return a;
}

}  // namespace whosaid
