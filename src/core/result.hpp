// Result<T>: a value or a named Error, the project's one way to report failure without
// exceptions crossing module boundaries. Error codes are stable, lower_snake_case strings
// (they appear in problem+json bodies and in verifier reports), messages are for humans.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace verimeter {

struct Error {
  std::string code;     // stable, machine-readable, e.g. "usage_inconsistent"
  std::string message;  // human-readable detail
};

inline Error make_error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace verimeter

// VM_TRY(var, expr): evaluate a Result-returning expression, return its error on failure,
// otherwise move the value into a new local `var`.
#define VM_CONCAT_INNER(a, b) a##b
#define VM_CONCAT(a, b) VM_CONCAT_INNER(a, b)
#define VM_TRY(var, expr)                                                              \
  auto VM_CONCAT(vm_try_, __LINE__) = (expr);                                          \
  if (!VM_CONCAT(vm_try_, __LINE__).ok()) return VM_CONCAT(vm_try_, __LINE__).error(); \
  auto var = std::move(VM_CONCAT(vm_try_, __LINE__)).value()
#define VM_CHECK(expr)                                           \
  do {                                                           \
    auto vm_check_status_ = (expr);                              \
    if (!vm_check_status_.ok()) return vm_check_status_.error(); \
  } while (0)
