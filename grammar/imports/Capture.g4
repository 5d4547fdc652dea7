// Embedded packet capture, the IOS-XE `monitor capture` EXEC commands (dev.routerlab.capture.cli.CaptureCommands).
parser grammar Capture;

x_monitor : MONITOR CAPTURE WORD mc_action ;
mc_action : mc_interface | mc_match | mc_start | mc_stop | mc_export ;
mc_interface : INTERFACE INTERFACE_NAME (BOTH | IN | OUT) ;
mc_match : MATCH (ANY | IPV4 ANY ANY) ;
mc_start : START ;
mc_stop : STOP ;
mc_export : EXPORT WORD ;
