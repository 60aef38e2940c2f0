/* A libmodbus Modbus TCP server for the integration tests, standing in for a Modbus TCP gateway with
 * one pack behind it: serves the holding registers given on the command line (register 0 first) to
 * unit SLAVE, and answers any other unit with exception 0x0B (gateway target device failed to
 * respond), as gateways do. Listens on 127.0.0.1 (PORT 0 picks a free port) and takes one connection
 * after another until killed.
 * usage: mbtcpslave PORT SLAVE VALUE...
 * stdout: "listening PORT" once bound, then "served N" after each reply. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <modbus.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s PORT SLAVE VALUE...\n", argv[0]);
        return 2;
    }
    int slave = atoi(argv[2]);
    int count = argc - 3;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", atoi(argv[1]));
    modbus_mapping_t *map = modbus_mapping_new(0, 0, count, 0);
    if (ctx == NULL || map == NULL) {
        printf("error: %d %s\n", errno, modbus_strerror(errno));
        return 1;
    }
    for (int i = 0; i < count; i++) {
        map->tab_registers[i] = (uint16_t)strtoul(argv[3 + i], NULL, 10);
    }
    int server = modbus_tcp_listen(ctx, 1);
    struct sockaddr_in bound;
    socklen_t length = sizeof bound;
    if (server == -1 || getsockname(server, (struct sockaddr *)&bound, &length) != 0) {
        printf("error: %d %s\n", errno, modbus_strerror(errno));
        return 1;
    }
    printf("listening %d\n", ntohs(bound.sin_port));
    fflush(stdout);
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    int served = 0;
    for (;;) {
        int client = modbus_tcp_accept(ctx, &server);
        if (client == -1) {
            printf("error: %d %s\n", errno, modbus_strerror(errno));
            return 1;
        }
        for (;;) {
            int rc = modbus_receive(ctx, query);
            if (rc == -1) {
                break; /* closed by the client, or bytes that are no Modbus TCP: drop the connection */
            }
            if (rc > 0) {
                /* query[6] is the MBAP unit id */
                if (query[6] == slave) {
                    modbus_reply(ctx, query, rc, map);
                } else {
                    modbus_reply_exception(ctx, query, MODBUS_EXCEPTION_GATEWAY_TARGET);
                }
                printf("served %d\n", ++served);
                fflush(stdout);
            }
        }
        close(client);
    }
}
