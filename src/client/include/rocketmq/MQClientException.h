// Compatibility include: rocketmq-client-cpp declares the exception family in this file.
#pragma once

#include "rocketmq/MQException.h"
