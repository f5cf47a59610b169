#include "store/store_config.h"
