// Reference values from numpy 2 (see numpy_integers).
const INT64_A: [i64; 6] = [810, 81, 175, 232, 177, 800] ;
const INT64_B: [u64; 3] = [640093927902, 103495536650, 476228107093] ;
const UINT8_C: [u8; 9] = [6, 5, 0, 4, 0, 0, 4, 3, 0] ;
const BOOL_D: [bool; 5] = [false, true, true, false, false] ;
const INT16_E: [i16; 5] = [39, 38, -51, 46, -50] ;
const UINT32_F: [u32; 3] = [488217608, 1941869213, 1680312283] ;
