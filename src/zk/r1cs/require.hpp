// ZK_CIRCUIT_REQUIRE: a misuse check in circuit-building code that stays on in release builds.
// A gadget called outside its preconditions (too many bits, wrong arity) would silently build an
// unsound circuit, so the process stops with a message instead.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ZK_CIRCUIT_REQUIRE(cond, what)                                                             \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "verimeter zk circuit misuse: %s (%s:%d)\n", what, __FILE__, __LINE__); \
      std::abort();                                                                                \
    }                                                                                              \
  } while (0)
