/* A libmodbus master for the integration tests: reads holding registers once and prints them, over
 * RTU from a serial DEVICE, or over Modbus TCP from 127.0.0.1:PORT when DEVICE is "tcp:PORT".
 * usage: mbmaster DEVICE SLAVE START COUNT
 * stdout: one decimal register value per line; exit 0.
 * On failure: "error: <errno> <libmodbus message>" on stdout, exit 1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <modbus.h>

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s DEVICE SLAVE START COUNT\n", argv[0]);
        return 2;
    }
    int slave = atoi(argv[2]), start = atoi(argv[3]), count = atoi(argv[4]);
    modbus_t *ctx = strncmp(argv[1], "tcp:", 4) == 0
        ? modbus_new_tcp("127.0.0.1", atoi(argv[1] + 4))
        : modbus_new_rtu(argv[1], 9600, 'N', 8, 1);
    if (ctx == NULL || modbus_set_slave(ctx, slave) != 0 || modbus_connect(ctx) != 0) {
        printf("error: %d %s\n", errno, modbus_strerror(errno));
        return 1;
    }
    modbus_set_response_timeout(ctx, 2, 0);
    uint16_t registers[MODBUS_MAX_READ_REGISTERS];
    int rc = modbus_read_registers(ctx, start, count, registers);
    if (rc != count) {
        printf("error: %d %s\n", errno, modbus_strerror(errno));
        modbus_close(ctx);
        modbus_free(ctx);
        return 1;
    }
    for (int i = 0; i < count; i++) {
        printf("%u\n", registers[i]);
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
