/* A libmodbus RTU slave for the integration tests: serves the holding registers given on the
 * command line (register 0 first) until its line hangs up.
 * usage: mbslave DEVICE SLAVE VALUE...
 * stdout: "ready" once connected, then "served N" after each reply. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <modbus.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s DEVICE SLAVE VALUE...\n", argv[0]);
        return 2;
    }
    int count = argc - 3;
    modbus_t *ctx = modbus_new_rtu(argv[1], 9600, 'N', 8, 1);
    modbus_mapping_t *map = modbus_mapping_new(0, 0, count, 0);
    if (ctx == NULL || map == NULL || modbus_set_slave(ctx, atoi(argv[2])) != 0 || modbus_connect(ctx) != 0) {
        printf("error: %d %s\n", errno, modbus_strerror(errno));
        return 1;
    }
    for (int i = 0; i < count; i++) {
        map->tab_registers[i] = (uint16_t)strtoul(argv[3 + i], NULL, 10);
    }
    printf("ready\n");
    fflush(stdout);
    uint8_t query[MODBUS_RTU_MAX_ADU_LENGTH];
    int served = 0;
    for (;;) {
        int rc = modbus_receive(ctx, query);
        if (rc > 0) {
            modbus_reply(ctx, query, rc, map);
            printf("served %d\n", ++served);
            fflush(stdout);
        } else if (rc == -1 && (errno == ECONNRESET || errno == EBADF || errno == EIO)) {
            break; /* the line hung up: a pty master closed, or the adapter unplugged */
        }
    }
    modbus_mapping_free(map);
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
