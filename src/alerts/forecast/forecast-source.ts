/** A place on the map, in decimal degrees (WGS 84). */
export interface Position {
  latitude: number;
  longitude: number;
}

/** One forecast air temperature at an instant, with the wind (m/s at 10 m) when the forecast gives it. */
export interface TemperaturePoint {
  at: Date;
  airTemperatureC: number;
  windSpeedMs?: number;
}

/** A point forecast: when it was made and its temperatures, missing values already dropped. */
export interface PointForecast {
  createdAt: Date;
  temperatures: TemperaturePoint[];
}

/** Where forecasts come from (SMHI in production). Throws `external_unavailable` when it cannot answer. */
export interface ForecastSource {
  /** Fetches the current point forecast for `position`. */
  pointForecast(position: Position): Promise<PointForecast>;
}
