// The features of a speaker candidate, as `family=value` names (pattern=said_x, sentences=-1,
// mention=pronoun_she, ...). At run time a feature is only its 64-bit hash, looked up in the
// model's weights; names are kept only when candidates are written out for training.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

class FeatureSet {
 public:
  explicit FeatureSet(bool keep_names = false) : keep_names_(keep_names) { keys_.reserve(48); }

  void add(std::string_view family, std::string_view value);
  void add(std::string_view family, long value);
  // Two features in conjunction: "a=x&b=y".
  void add_pair(std::string_view fa, std::string_view va, std::string_view fb, std::string_view vb);

  const std::vector<std::uint64_t>& keys() const { return keys_; }
  const std::vector<std::string>& names() const { return names_; }

  // The key of a feature's full name ("pattern=said_x"): what the weights file is looked up by.
  static std::uint64_t key_of(std::string_view name);

 private:
  void push(std::uint64_t key, std::string_view family, std::string_view value);
  bool keep_names_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::string> names_;
};

// A distance as a small number of buckets: exact up to `exact`, then powers of two up to `cap`.
long bucket(long v, long exact, long cap);

}  // namespace whosaid
