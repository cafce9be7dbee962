// The features of a speaker candidate, as `family=value` names (pattern=said_x, sent=-1,
// mention=she, ...). At run time a feature is only the 64-bit FNV-1a hash of its name, looked up
// in the model's weights; names are kept only when candidates are written out for training.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

namespace fnv {
constexpr std::uint64_t kOffset = 14695981039346656037ull;
constexpr std::uint64_t kPrime = 1099511628211ull;
constexpr std::uint64_t hash(std::uint64_t h, std::string_view s) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * kPrime;
  return h;
}
}  // namespace fnv

// A feature family: its name and the hash of "name=", worked out at compile time (features are
// made for every candidate of every quotation; only the value is hashed then).
struct Family {
  std::string_view name;
  std::uint64_t prefix;
  consteval Family(const char* n) : name(n), prefix(fnv::hash(fnv::hash(fnv::kOffset, n), "=")) {}
};

class FeatureSet {
 public:
  explicit FeatureSet(bool keep_names = false) : keep_names_(keep_names) { keys_.reserve(48); }

  void add(Family family, std::string_view value);
  void add(Family family, long value);
  // Two features in conjunction: "a=x&b=y".
  void add_pair(Family fa, std::string_view va, Family fb, std::string_view vb);

  const std::vector<std::uint64_t>& keys() const { return keys_; }
  const std::vector<std::string>& names() const { return names_; }

  // The key of a feature's full name ("pattern=said_x"): what the weights file is looked up by.
  static std::uint64_t key_of(std::string_view name) { return fnv::hash(fnv::kOffset, name); }

 private:
  void push(std::uint64_t key, std::string_view family, std::string_view value);
  bool keep_names_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::string> names_;
};

// A distance as a small number of buckets: exact up to `exact`, then powers of two up to `cap`.
long bucket(long v, long exact, long cap);

}  // namespace whosaid
