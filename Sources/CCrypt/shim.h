#ifndef TEE_CCRYPT_SHIM_H
#define TEE_CCRYPT_SHIM_H
#include <crypt.h>
#endif
