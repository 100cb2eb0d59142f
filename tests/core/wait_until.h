// tests/core/wait_until.h: waits, without a bound that could fail a slow machine, until a condition holds (for
// tests that hand work to another thread and must see it arrive; ctest's own timeout catches a hang).
#pragma once

#include <chrono>
#include <thread>

namespace waymark::test {

template <typename F>
void wait_until(F done) {
  while (!done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace waymark::test
