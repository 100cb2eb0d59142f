#include <gtest/gtest.h>
TEST(Provisioning, Placeholder) {}
