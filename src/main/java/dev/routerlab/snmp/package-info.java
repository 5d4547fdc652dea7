/**
 * The SNMP agent (RFC 3411-3418): {@link dev.routerlab.snmp.SnmpAgent} answers UDP 161 through
 * the router's {@link dev.routerlab.ip.IpEngine} for SNMPv1/v2c communities, serves MIB-II's
 * system, interfaces, ifXTable, ipAddrTable and snmp groups live ({@link dev.routerlab.snmp.Mib}),
 * sets sysContact/sysName/sysLocation in the model, and sends link and coldStart traps. The codec
 * is {@link dev.routerlab.packet.Snmp}; the commands are {@code snmp.cli}'s. No CLI here.
 */
package dev.routerlab.snmp;
